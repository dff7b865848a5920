package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection

public record KeyProviderInventory(String uuid, String name, String type, String description,
                                   Instant createDate, Instant lastOpDate) {
    static KeyProviderInventory from(KeyProviderEntity k) {
        return new KeyProviderInventory(k.uuid, k.name, k.type, k.description, k.createDate, k.lastOpDate);
    }
}
