package org.zstack.cp.iam2;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.ZStackClass;
import java.time.Instant;
import java.util.List;

/** Never carries the password or its hash. */
@RegisterForReflection
@ZStackClass("org.zstack.iam2.entity.IAM2VirtualIDInventory")
public record Iam2VirtualIdInventory(String uuid, String name, String description, String type,
                                     Iam2VirtualIdState state, Instant createDate, Instant lastOpDate,
                                     List<Attribute> attributes) {

    @RegisterForReflection
    @ZStackClass("org.zstack.iam2.entity.IAM2VirtualIDAttributeInventory")
    public record Attribute(String uuid, String name, String value, String type, String virtualIDUuid,
                            Instant createDate, Instant lastOpDate) {
        static Attribute from(Iam2AttributeEntity a) {
            return new Attribute(a.uuid, a.name, a.value, a.type, a.virtualIdUuid, a.createDate, a.lastOpDate);
        }
    }

    static Iam2VirtualIdInventory of(Iam2VirtualIdEntity v, List<Iam2AttributeEntity> attributes) {
        return new Iam2VirtualIdInventory(v.uuid, v.name, v.description, v.type, v.state, v.createDate,
                v.lastOpDate, attributes.stream().map(Attribute::from).toList());
    }
}
