package io.coffer.http;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.InvalidParameterException;
import io.coffer.platform.failure.MissingParameterException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.Set;

/**
 * Checks a request body against the Bean Validation constraints of its record, before the resource acts on it: a
 * missing body or a missing required field is 400 MissingParameter, any other broken constraint 400 InvalidParameter,
 * each with the constraint's own message (which names the field). One refusal per request: the first broken constraint
 * by field name, so the answer does not change from call to call.
 */
@ApplicationScoped
public class RequestValidation {

    /** The platform's default factory (every Jakarta EE server offers it as a resource). */
    @Resource
    ValidatorFactory factory;

    private volatile Validator validator;

    public RequestValidation() {}

    /** Outside a container: with a validator of the caller's. */
    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** The body, valid; {@code name} names it when it is missing (e.g. {@code CreateVaultDetails}). */
    public <T> T valid(T body, String name) {
        if (body == null) {
            throw CofferException.missing(name);
        }
        Set<ConstraintViolation<T>> violations = validator().validate(body);
        ConstraintViolation<T> first = violations.stream()
                .min(Comparator.comparing(
                        violation -> violation.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return body;
        }
        Class<? extends Annotation> constraint =
                first.getConstraintDescriptor().getAnnotation().annotationType();
        if (constraint == NotNull.class || constraint == NotBlank.class || constraint == NotEmpty.class) {
            throw new MissingParameterException(first.getMessage());
        }
        throw new InvalidParameterException(first.getMessage());
    }

    private Validator validator() {
        Validator current = validator;
        if (current == null) {
            current = factory.getValidator();
            validator = current;
        }
        return current;
    }
}
