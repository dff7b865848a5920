package org.zstack.cp.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queryable fields of one inventory, as the API serves them: text fields take every operator, the others take
 * values of their type. {@code sample} holds real values (fixture UUIDs, names) so that conditions match rows.
 */
record QuerySpec(List<String> text, List<String> integers, Map<String, List<String>> enums, List<String> dates) {
    static final List<String> DATES = List.of("createDate", "lastOpDate");

    static QuerySpec of(List<String> text, List<String> integers, Map<String, List<String>> enums) {
        return new QuerySpec(text, integers, enums, DATES);
    }

    List<String> all() {
        List<String> all = new ArrayList<>(text);
        all.addAll(integers);
        all.addAll(enums.keySet());
        all.addAll(dates);
        return all;
    }

    static final QuerySpec VM = of(List.of("uuid", "name", "description", "hostUuid", "hypervisorType", "platform",
            "guestOsType"), List.of(), Map.of("state", List.of("Running", "Stopped")));
    static final QuerySpec HOST = of(List.of("uuid", "name", "description", "managementIp", "username"),
            List.of("agentPort", "sshPort"), Map.of("state", List.of("Enabled", "Disabled"),
                    "status", List.of("Connected", "Disconnected")));
    static final QuerySpec GUEST_TOOLS = of(List.of("vmInstanceUuid", "version", "platform", "osType"), List.of(),
            Map.of("qgaState", List.of("NotInstalled", "Running", "NotRunning", "NotUpgraded"),
                    "zwatchState", List.of("NotInstalled", "Running", "NotRunning")));
    static final QuerySpec TPM = of(List.of("uuid", "name", "vmInstanceUuid", "keyProviderUuid"), List.of(), Map.of());
    static final QuerySpec KEY_PROVIDER = of(List.of("uuid", "name", "type", "description"), List.of(), Map.of());
    static final QuerySpec BACKUP_STORAGE = of(List.of("uuid", "name", "url", "description", "type", "hostname",
            "username"), List.of("sshPort"), Map.of("state", List.of("Enabled", "Disabled"),
            "status", List.of("Connected", "Disconnected", "Connecting")));
    static final QuerySpec IAM2 = of(List.of("uuid", "name", "description", "type"), List.of(),
            Map.of("state", List.of("Enabled", "Disabled")));
    static final QuerySpec TAG = of(List.of("uuid", "resourceUuid", "resourceType", "tag"), List.of(), Map.of());
}
