package io.coffer.throttling.control;

import io.coffer.throttling.entity.OperationClass;
import java.util.Optional;

/**
 * Which operation class a request belongs to, from its method and path (as the OCI SDKs send them): bundles of the
 * Secrets service are data-plane reads, however fetched (GetSecretBundleByName is a POST); the Vaults and KMS
 * services are control-plane reads (GET, HEAD) or writes. The admin API, the console and anything else are not
 * throttled.
 */
public final class RequestClassifier {

    private RequestClassifier() {}

    public static Optional<OperationClass> classify(String method, String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.startsWith("20190301/")) {
            return Optional.of(OperationClass.DATA_PLANE_READ);
        }
        if (trimmed.startsWith("20180608/") || trimmed.startsWith("kms/")) {
            return Optional.of(
                    "GET".equals(method) || "HEAD".equals(method)
                            ? OperationClass.CONTROL_PLANE_READ
                            : OperationClass.CONTROL_PLANE_WRITE);
        }
        return Optional.empty();
    }
}
