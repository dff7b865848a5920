package org.zstack.cp.tpm;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.header.keyprovider.KeyProviderInventory")
public record KeyProviderInventory(String uuid, String name, String type, String description,
                                   Instant createDate, Instant lastOpDate) {
    static KeyProviderInventory from(KeyProviderEntity k) {
        return new KeyProviderInventory(k.uuid, k.name, k.type, k.description, k.createDate, k.lastOpDate);
    }
}
