package org.zstack.cp.api;

/** The ZStack error codes this service answers with, each with its fixed description. */
public enum ErrorCode {
    INTERNAL("SYS.1000", "An internal error happened in the system"),
    TIMEOUT("SYS.1001", "A message or a operation timeout"),
    RESOURCE_NOT_FOUND("SYS.1003", "Unable to find the resource"),
    OPERATION_FAILURE("SYS.1006", "An operation failed"),
    INVALID_ARGUMENT("SYS.1007", "One or more API argument is invalid"),
    NO_ROUTE("SYS.1009", "No such API"),
    AUTHENTICATION_FAILED("ID.1000", "Authentication failed"),
    INVALID_SESSION("ID.1001", "Session expired or not found"),
    VM_INVALID_STATE("VM.1010", "Unable to do the operation because the VM is in an improper state"),
    TPM_ALREADY_EXISTS("TPM.1701", "The VM already has a TPM"),
    TPM_NOT_FOUND("TPM.1702", "The VM has no TPM"),
    TPM_INVALID_VM_STATE("TPM.1703", "Unable to do the TPM operation because the VM is in an improper state");

    private final String code;
    private final String description;

    ErrorCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
