package io.callvault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CallVaultApplication {

    public static void main(String[] args) throws Exception {
        if (Commands.applies(args)) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(CallVaultApplication.class, DemoFlag.translate(args));
    }
}
