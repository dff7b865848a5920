package org.zstack.cp.agent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.zstack.cp.api.Password;

import java.util.List;
import java.util.Map;

/** The agents' request and answer bodies, in ZStack's field names (its spelling of {@code accountPerference} too). */
public final class AgentMessages {
    private AgentMessages() {
    }

    @RegisterForReflection

    public record ChangePasswordCmd(AccountPreference accountPerference, long timeout) {
    }

    @RegisterForReflection

    public record AccountPreference(String userAccount, String accountPassword, String vmUuid) {
        @Override
        public String toString() {
            return "AccountPreference[userAccount=" + userAccount + ", accountPassword=" + Password.MASK
                    + ", vmUuid=" + vmUuid + "]";
        }
    }

    @RegisterForReflection

    public record GuestToolsStateCmd(List<String> vmInstanceUuids) {
    }

    @RegisterForReflection

    public record ImageStoreConnectCmd(String uuid, String url) {
    }

    /** Every answer has {@code success} and, on failure, {@code error}. */
    public interface Reply {
        Boolean success();

        String error();
    }

    @RegisterForReflection

    public record PlainReply(Boolean success, String error) implements Reply {
    }

    @RegisterForReflection

    public record GuestToolsStateReply(Boolean success, String error, Map<String, GuestToolsState> states)
            implements Reply {
    }

    /** The KVM agent's {@code VmQgaStatus}, its spelling of {@code platForm} too; it says nothing about zwatch. */
    @RegisterForReflection

    public record GuestToolsState(boolean qgaRunning, boolean zsToolsFound, String version, String platForm,
                                  String osType) {
    }

    @RegisterForReflection

    public record ImageStoreConnectReply(Boolean success, String error, Long totalCapacity, Long availableCapacity)
            implements Reply {
    }
}
