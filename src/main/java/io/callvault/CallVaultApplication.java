package io.callvault;

import java.util.OptionalInt;

import io.callvault.command.Commands;
import io.callvault.server.DemoFlag;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CallVaultApplication {

    public static void main(String[] args) throws Exception {
        OptionalInt exit = Commands.runIfCommand(args, CallVaultApplication.class);
        if (exit.isPresent()) {
            System.exit(exit.getAsInt());
        }
        SpringApplication.run(CallVaultApplication.class, DemoFlag.translate(args));
    }
}
