package org.zstack.cp.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of the ZStack server class an inventory record stands for, as the {@code schema} of a reply lists it
 * (for example {@code org.zstack.header.vm.VmInstanceInventory}); the ZStack SDK picks its own class by it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ZStackClass {
    String value();
}
