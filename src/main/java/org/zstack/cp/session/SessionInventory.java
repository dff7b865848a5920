package org.zstack.cp.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;

@RegisterForReflection
@ZStackClass("org.zstack.header.identity.SessionInventory")
public record SessionInventory(String uuid, String accountUuid, String userUuid, String userType,
                               Instant expiredDate, Instant createDate) {
    static SessionInventory from(SessionEntity s) {
        return new SessionInventory(s.uuid, s.accountUuid, s.userUuid, s.userType, s.expiredDate, s.createDate);
    }
}
