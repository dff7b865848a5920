package org.zstack.cp.tag;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "system_tag")
public class SystemTagEntity extends TagEntity {
}
