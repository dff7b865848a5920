package org.zstack.cp.agent;

import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;

/** The agents' request and answer bodies, in ZStack's field names (its spelling of {@code accountPerference} too). */
public final class AgentMessages {
    private AgentMessages() {
    }

    public record ChangePasswordCmd(AccountPreference accountPerference, long timeout) {
    }

    public record AccountPreference(String userAccount, String accountPassword, String vmUuid) {
        @Override
        public String toString() {
            return "AccountPreference[userAccount=" + userAccount + ", accountPassword=" + Password.MASK
                    + ", vmUuid=" + vmUuid + "]";
        }
    }

    public record GuestToolsStateCmd(List<String> vmInstanceUuids) {
    }

    public record ImageStoreConnectCmd(String uuid, String url) {
    }

    /** Every answer has {@code success} and, on failure, {@code error}. */
    public interface Reply {
        Boolean success();

        String error();
    }

    public record PlainReply(Boolean success, String error) implements Reply {
    }

    public record GuestToolsStateReply(Boolean success, String error, Map<String, GuestToolsState> states)
            implements Reply {
    }

    public record GuestToolsState(boolean qgaRunning, boolean zsToolsInstalled, boolean zwatchRunning,
                                  String version, String platform, String osType) {
    }

    public record ImageStoreConnectReply(Boolean success, String error, Long totalCapacity, Long availableCapacity)
            implements Reply {
    }
}
