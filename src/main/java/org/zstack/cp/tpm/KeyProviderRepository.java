package org.zstack.cp.tpm;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KeyProviderRepository implements PanacheRepositoryBase<KeyProviderEntity, String> {
}
