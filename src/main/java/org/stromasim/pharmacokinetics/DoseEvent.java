package org.stromasim.pharmacokinetics;

/**
 * One dose's contribution to the plasma level: {@code response} started at {@code timeS}; an
 * infusion ({@code durationS} > 0) is a constant input rate switched on at the start and off after
 * the duration, so its contribution is R(τ) − R(τ − T) with R the integrated response.
 */
record DoseEvent(double timeS, ExponentialResponse response, double durationS) {

    double at(double tS) {
        double tau = tS - timeS;
        if (tau < 0) {
            return 0.0;
        }
        double level = response.at(tau);
        return durationS > 0 ? level - response.at(tau - durationS) : level;
    }

    /**
     * ∫ of {@link #at} over [fromS, toS] (fromS ≤ toS), exactly: the response's integral from the dose
     * on, less, for an infusion, the same integral shifted by its duration (the input switched off).
     */
    double integral(double fromS, double toS) {
        double tau1 = toS - timeS;
        if (tau1 <= 0) {
            return 0.0;
        }
        double tau0 = Math.max(fromS - timeS, 0.0);
        double sum = response.integral(tau0, tau1);
        if (durationS > 0 && tau1 > durationS) {
            sum -= response.integral(Math.max(tau0 - durationS, 0.0), tau1 - durationS);
        }
        return sum;
    }

    /** The same dose seen through a further first-order step (see {@link ExponentialResponse#through}). */
    DoseEvent through(double ratePerS, double factor) {
        return new DoseEvent(timeS, response.through(ratePerS).scaled(factor), durationS);
    }
}
