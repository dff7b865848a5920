package org.zstack.cp.tag;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

final class TagRepositories {
    private TagRepositories() {
    }

    @ApplicationScoped
    static class SystemTags implements PanacheRepositoryBase<SystemTagEntity, String> {
    }

    @ApplicationScoped
    static class UserTags implements PanacheRepositoryBase<UserTagEntity, String> {
    }
}
