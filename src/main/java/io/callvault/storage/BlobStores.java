package io.callvault.storage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured stores by name, and the one new uploads go to ({@code CALLVAULT_STORAGE}). */
public class BlobStores {

    private final Map<String, BlobStore> byName = new LinkedHashMap<>();
    private final BlobStore active;

    public BlobStores(List<BlobStore> stores, String active) {
        stores.forEach(store -> byName.put(store.name(), store));
        this.active = byName.get(active);
        if (this.active == null) {
            throw new IllegalStateException("CALLVAULT_STORAGE=" + active + " but that store is not configured"
                    + (active.equals("s3") ? ": set CALLVAULT_S3_BUCKET (and endpoint, region, credentials)" : ""));
        }
    }

    public BlobStore active() {
        return active;
    }

    public BlobStore get(String name) {
        BlobStore store = byName.get(name);
        if (store == null) {
            throw new IllegalStateException("a recording is in store '" + name + "', which is not configured");
        }
        return store;
    }

    public Collection<BlobStore> all() {
        return byName.values();
    }
}
