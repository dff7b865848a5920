package org.zstack.cp.host;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class HostRepository implements PanacheRepositoryBase<HostEntity, String> {
}
