package io.coffer.platform.time;

import io.coffer.platform.settings.CofferSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;

/** The application's clocks: the business clock (the default {@link Clock}) and the {@link RealTime} wall clock. */
@ApplicationScoped
public class ClockProducer {

    @Inject
    CofferSettings settings;

    @Produces
    @ApplicationScoped
    @Typed(AdjustableClock.class)
    AdjustableClock businessClock() {
        return new AdjustableClock(Clock.tickMillis(java.time.ZoneOffset.UTC), settings.clockAdjustable());
    }

    @Produces
    @ApplicationScoped
    Clock clock(AdjustableClock business) {
        return business;
    }

    @Produces
    @RealTime
    @ApplicationScoped
    Clock realTime() {
        return Clock.tickMillis(java.time.ZoneOffset.UTC);
    }
}
