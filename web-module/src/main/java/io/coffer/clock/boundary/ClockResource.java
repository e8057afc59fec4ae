package io.coffer.clock.boundary;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.time.AdjustableClock;
import jakarta.inject.Inject;
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
@Path("admin/v1/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    @Inject
    AdjustableClock clock;

    public record ClockView(String now, String offset, boolean adjustable) {
    }

    public record AdvanceRequest(String advance) {
    }

    @GET
    public ClockView read() {
        return new ClockView(Rfc3339.format(clock.instant()), clock.offset().toString(), clock.adjustable());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ClockView advance(AdvanceRequest request) {
        if (request == null || request.advance() == null) {
            throw CofferException.missing("advance");
        }
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException malformed) {
            throw CofferException.invalid("advance must be an ISO-8601 duration such as P31D or PT2H");
        }
        try {
            clock.advance(by);
        } catch (IllegalStateException notAdjustable) {
            throw new CofferException(ErrorCode.INCORRECT_STATE, notAdjustable.getMessage());
        } catch (IllegalArgumentException backwards) {
            throw CofferException.invalid(backwards.getMessage());
        }
        return read();
    }
}
