package io.callvault.catalog;

/**
 * Which recordings with stored audio to go through (fsck, storage migration), in id order: of one tenant (or all
 * when null), only Success ones or also Fail ones that still name a key, and outside one store (or in any when null).
 */
public record AudioQuery(String tenantId, boolean successOnly, String notInStore) {
}
