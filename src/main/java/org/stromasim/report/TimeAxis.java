package org.stromasim.report;

/**
 * The unit of a time axis: seconds for runs up to 5 minutes, minutes up to 5 hours, hours beyond, so
 * that tick labels are round numbers in the unit people think of the run in.
 */
record TimeAxis(String title, double secondsPerUnit) {

    static TimeAxis forEnd(double endS) {
        if (endS <= 300) {
            return new TimeAxis("time (s)", 1);
        }
        if (endS <= 5 * 3600) {
            return new TimeAxis("time (min)", 60);
        }
        return new TimeAxis("time (h)", 3600);
    }
}
