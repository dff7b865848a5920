package org.zstack.cp.support;

/** The agent paths the service calls, and the replies a real agent gives on them. */
public final class AgentReplies {
    public static final String CHANGE_PASSWORD = "/vm/changepasswd";
    public static final String GUEST_TOOLS = "/vm/guesttools/state";
    public static final String IMAGE_STORE_CONNECT = "/imagestore/connect";
    public static final String SUCCESS = "{\"success\": true}";

    private AgentReplies() {
    }

    public static String failure(String error) {
        return "{\"success\": false, \"error\": \"" + error + "\"}";
    }

    /** The KVM agent's reply to a changed password, as it writes it (the field's misspelling included). */
    public static String passwordChanged(String account) {
        return "{\"success\": true, \"error\": null, \"accountPerference\": {\"userAccount\": \"" + account
                + "\", \"accountPassword\": \"******\", \"vmUuid\": \"x\"}}";
    }

    /** The image store's answer to a connect: its capacity in bytes. */
    public static String capacity(long total, long available) {
        return "{\"success\": true, \"totalCapacity\": " + total + ", \"availableCapacity\": " + available + "}";
    }

    /** The KVM agent's guest tools state of {@code vm}, in its field names ({@code VmQgaStatus}). */
    public static String guestTools(String vm, boolean qgaRunning, boolean zsToolsFound, String version,
            String platform, String osType) {
        return "{\"success\": true, \"states\": {\"" + vm + "\": {\"qgaRunning\": " + qgaRunning
                + ", \"zsToolsFound\": " + zsToolsFound + ", \"version\": \"" + version
                + "\", \"platForm\": \"" + platform + "\", \"osType\": \"" + osType + "\"}}}";
    }

    /** A running VM with tools installed, as most tests need it. */
    public static String guestToolsRunning(String vm, String version) {
        return guestTools(vm, true, true, version, "Linux", "CentOS");
    }
}
