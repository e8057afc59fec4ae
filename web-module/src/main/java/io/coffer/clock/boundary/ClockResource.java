package io.coffer.clock.boundary;

import io.coffer.http.RequestValidation;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.time.AdjustableClock;
import io.coffer.platform.wire.Rfc3339;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * {@code /admin/v1/clock}: this instance's business clock. On a test install ({@code coffer.clock.adjustable}) an
 * operator can move it forward to see scheduled deletions and expiries happen; everywhere else it only reads.
 */
@Path("v1/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    @Inject
    AdjustableClock clock;

    @Inject
    RequestValidation requests;

    public record ClockView(String now, String offset, boolean adjustable) {}

    public record AdvanceRequest(
            @NotNull(message = "advance is required") String advance) {}

    @GET
    public ClockView read() {
        return new ClockView(Rfc3339.format(clock.instant()), clock.offset().toString(), clock.adjustable());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ClockView advance(AdvanceRequest request) {
        requests.valid(request, "advance");
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException malformed) {
            throw CofferException.invalid("advance must be an ISO-8601 duration such as P31D or PT2H");
        }
        if (!clock.adjustable()) {
            throw new IncorrectStateException(
                    "this install's clock is not adjustable (coffer.clock.adjustable is off)");
        }
        if (by.isNegative()) {
            throw CofferException.invalid("the clock only moves forward");
        }
        clock.advance(by);
        return read();
    }
}
