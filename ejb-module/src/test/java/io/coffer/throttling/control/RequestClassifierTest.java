package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.throttling.entity.OperationClass;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestClassifierTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /20190301/secretbundles/ocid1.secret.x, data-plane-read",
        "POST, 20190301/secretbundles/actions/getByName, data-plane-read",
        "GET, /20190301/secretbundles/ocid1.secret.x/versions, data-plane-read",
        "GET, /20180608/secrets, control-plane-read",
        "HEAD, /20180608/vaults/ocid1.vault.x, control-plane-read",
        "GET, /kms/ocid1.vault.x/20180608/keys, control-plane-read",
        "POST, /20180608/secrets, control-plane-write",
        "PUT, /20180608/secrets/ocid1.secret.x, control-plane-write",
        "POST, /kms/ocid1.vault.x/20180608/keys/k/keyVersions, control-plane-write",
        "POST, /20180608/vaults/v/actions/scheduleDeletion, control-plane-write",
        "GET, /admin/v1/limits, ",
        "PUT, /admin/v1/tenancies/t/limits, ",
        "GET, /console/index.html, ",
        "GET, /, "
    })
    void requestsAreClassifiedByServiceAndMethod(String method, String path, String expected) {
        Optional<OperationClass> operation = RequestClassifier.classify(method, path);
        assertThat(operation.map(OperationClass::label).orElse(null)).isEqualTo(expected);
    }
}
