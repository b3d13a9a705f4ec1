package io.callvault.server;

import java.util.Arrays;

/** Lets a newcomer type {@code java -jar callvault.jar --demo} rather than a Spring property. */
public final class DemoFlag {

    private DemoFlag() {
    }

    public static String[] translate(String[] args) {
        return Arrays.stream(args)
                .map(arg -> arg.equals("--demo") ? "--callvault.demo=true" : arg)
                .toArray(String[]::new);
    }
}
