package io.callvault.catalog;

import io.callvault.web.ApiException;

/** Call directions, spelled as the Wellcloud API spells them. */
public enum Direction {
    Inbound, Outbound, Internal, Offhook, PreOccupied, PreDictive;

    public static Direction parse(String value) {
        for (Direction direction : values()) {
            if (direction.name().equals(value)) {
                return direction;
            }
        }
        throw ApiException.badRequest("direction '" + value
                + "' is not one of Inbound, Outbound, Internal, Offhook, PreOccupied, PreDictive");
    }
}
