package org.zstack.cp.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, String> {
    public Uni<AccountEntity> findByName(String name) {
        return find("name", name).firstResult();
    }
}
