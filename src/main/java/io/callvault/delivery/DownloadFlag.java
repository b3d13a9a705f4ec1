package io.callvault.delivery;

import io.callvault.web.ApiException;

/** The {@code download} query flag of every audio endpoint: true → attachment, false or absent → inline. */
public final class DownloadFlag {

    private DownloadFlag() {
    }

    public static boolean parse(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("download must be true or false");
    }
}
