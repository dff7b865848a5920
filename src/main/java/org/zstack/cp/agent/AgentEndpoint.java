package org.zstack.cp.agent;

/** Where an agent listens: a host's management IP and agent port, or an image store's hostname and port. */
public record AgentEndpoint(String hostname, int port) {
    public String baseUrl() {
        return "http://" + hostname + ":" + port;
    }

    @Override
    public String toString() {
        return hostname + ":" + port;
    }
}
