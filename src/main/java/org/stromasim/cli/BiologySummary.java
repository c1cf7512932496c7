package org.stromasim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.DrugPresets;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.sim.TimeStepPlan;

/**
 * What {@code validate} says about the slow biology and the drug: the slow clock against the transport
 * step, the time scales the rates imply (half-times ln 2 / rate of activation, stiffening toward the
 * ceiling, softening, kill), how far a CAF voxel stiffens by the end of the run with and without the
 * LOX inhibitor, the intervention timeline and the drug's parameters with the preset they match.
 */
final class BiologySummary {

    private static final double LN2 = Math.log(2);

    private BiologySummary() {
    }

    static void printDrug(PrintWriter out, Scenario scenario) {
        scenario.findSpecies(scenario.metrics().drugSpecies()).ifPresent(drug -> {
            SpeciesSpec.UptakeSpec uptake = drug.uptake().get(org.stromasim.tissue.CellType.CANCER);
            String preset = DrugPresets.matching(drug).map(p -> "preset " + p).orElse("custom (no preset matches every value)");
            out.printf(Locale.ROOT, "drug            %s: %s; D0 %s µm²/s, Stokes radius %s nm, vessel permeability %s µm/s, "
                            + "cancer uptake %s%n", drug.name(), preset, num(drug.d0Um2PerS()), num(drug.stokesRadiusNm()),
                    drug.vessel() == null ? "none" : num(drug.vessel().permeabilityUmPerS()),
                    uptake == null ? "none" : "Vmax " + num(uptake.vmaxPerS()) + " " + drug.unit().symbol() + "/s, Km "
                            + num(uptake.km()) + " " + drug.unit().symbol());
        });
    }

    /**
     * For every species whose plasma curve is a dosing schedule (or a metabolite of one): the number of
     * doses, the last dose time and when the trough reaches 90 % of the trough before the last dose.
     */
    static void printDosing(PrintWriter out, Scenario scenario) {
        for (SpeciesSpec s : scenario.species()) {
            if (s.vessel() == null || !(s.vessel().plasma() instanceof org.stromasim.scenario.PlasmaCurveSpec.Dosing
                    || s.vessel().plasma() instanceof org.stromasim.scenario.PlasmaCurveSpec.Metabolite)) {
                continue;
            }
            org.stromasim.scenario.PlasmaCurveSpec p = s.vessel().plasma();
            org.stromasim.pharmacokinetics.DosingCurve curve = p instanceof org.stromasim.scenario.PlasmaCurveSpec.Dosing d
                    ? org.stromasim.pharmacokinetics.DosingCurves.of(d, s.unit())
                    : metaboliteCurve(scenario, s, (org.stromasim.scenario.PlasmaCurveSpec.Metabolite) p);
            double[] doses = curve.doseTimesS();
            double steady = curve.timeToFractionOfLastTroughS(0.9);
            out.printf(Locale.ROOT, "dosing          %s: %d doses, the last at %s; %s%n", s.name(), doses.length,
                    Units.formatDuration(doses[doses.length - 1]), Double.isNaN(steady) ? "no steady state (fewer than"
                            + " three doses)" : "trough within 90 % of the last trough from " + Units.formatDuration(steady));
        }
    }

    private static org.stromasim.pharmacokinetics.DosingCurve metaboliteCurve(Scenario scenario, SpeciesSpec s,
            org.stromasim.scenario.PlasmaCurveSpec.Metabolite m) {
        SpeciesSpec parent = scenario.findSpecies(m.parent()).orElseThrow();
        return org.stromasim.pharmacokinetics.DosingCurves.metabolite(m,
                (org.stromasim.scenario.PlasmaCurveSpec.Dosing) parent.vessel().plasma(), parent.unit(), s.unit());
    }

    static void print(PrintWriter out, Scenario scenario, TimeStepPlan plan) {
        BiologySpec b = scenario.biology();
        if (b == null) {
            out.println("biology         none (pure transport)");
            return;
        }
        double end = scenario.run().endTimeS();
        if (b.slowClock() == null) {
            out.printf(Locale.ROOT, "slow clock      every %s s (%d slow steps to %s; about %,d transport steps each)%n",
                    num(b.slowIntervalS()), (long) Math.ceil(end / b.slowIntervalS()), Units.formatDuration(end),
                    (long) Math.ceil(b.slowIntervalS() / plan.maxDtS()));
        } else {
            out.printf(Locale.ROOT, "slow clock      adaptive: %s s x 2^m up to %s s, chosen after every slow step so that "
                            + "stiffness, activation chance and viability change by at most %s %% (at least %d slow "
                            + "steps to %s)%n", num(b.slowIntervalS()), num(b.slowClock().maxIntervalS()),
                    num(100 * b.slowClock().maxRelativeChange()), (long) Math.ceil(end / b.slowClock().maxIntervalS()),
                    Units.formatDuration(end));
        }
        BiologySpec.Activation a = b.activation();
        String tgfbUnit = scenario.findSpecies(b.tgfbSpecies()).map(s -> " " + s.unit().symbol()).orElse("");
        out.printf(Locale.ROOT, "activation      TGF-β above %s%s, EC50 %s%s, Hill %s; at saturating TGF-β half the fibroblasts "
                        + "activate in %s (ln 2 / %s /s)%n", num(a.threshold()), tgfbUnit, num(a.ec50()), tgfbUnit, num(a.hillN()),
                halfTime(a.maxRatePerS()), num(a.maxRatePerS()));
        BiologySpec.Remodelling r = b.remodelling();
        double e0 = scenario.ecm().stiffnessKpa().stroma();
        double lox = strongest(b, InterventionKind.LOX_INHIBITOR);
        out.printf(Locale.ROOT, "remodelling     a CAF voxel stiffens toward %s kPa with t½ %s; from the stroma's %s kPa it "
                        + "reaches %s kPa by %s%s%n", num(r.ceilingKpa()), halfTime(r.cafStiffeningPerS()), num(e0),
                num(stiffened(e0, r.ceilingKpa(), r.cafStiffeningPerS(), end)), Units.formatDuration(end),
                lox > 0 ? String.format(Locale.ROOT, " (%s kPa with the LOX inhibitor at %.0f %% from the start)",
                        num(stiffened(e0, r.ceilingKpa(), r.cafStiffeningPerS() * (1 - lox), end)), 100 * lox) : "");
        out.printf(Locale.ROOT, "                spread to a voxel among six CAFs t½ %s; enzyme softening toward %s kPa "
                + "t½ %s at full strength%n", halfTime(r.spreadPerS()), num(r.floorKpa()), halfTime(r.enzymeSofteningPerS()));
        BiologySpec.DrugResponse d = b.drugResponse();
        String measureUnit = scenario.findSpecies(scenario.metrics().drugSpecies())
                .map(s -> s.unit().symbol() + (d.measure() == BiologySpec.Measure.EXPOSURE ? "·s" : "")).orElse("");
        out.printf(Locale.ROOT, "drug kill       on %s, EC50 %s %s (up to ×%s with IL-6, ×%s with lactate), Hill %s; "
                        + "viability t½ %s at saturating drug; a voxel below %s viability dies%n",
                d.measure().name().toLowerCase(Locale.ROOT), num(d.ec50()), measureUnit, num(d.il6Resistance().maxFactor()),
                num(d.lactateTolerance().maxFactor()), num(d.hillN()), halfTime(d.maxKillPerS()), num(d.deathViability()));
        if (b.interventions().isEmpty()) {
            out.println("interventions   none");
        }
        for (int i = 0; i < b.interventions().size(); i++) {
            Intervention iv = b.interventions().get(i);
            double stop = iv.startS() + iv.durationS();
            out.printf(Locale.ROOT, "%s %s at strength %s from %s to %s%s%n", i == 0 ? "interventions  " : "               ",
                    iv.type().name().toLowerCase(Locale.ROOT), num(iv.strength()), Units.formatDuration(iv.startS()),
                    Units.formatDuration(stop), stop < end ? " (ends before the run does)"
                            : iv.startS() >= end ? " (starts after the run ends: no effect)" : "");
        }
        if (b.endocrine() != null) {
            printEndocrine(out, scenario, b.endocrine());
        }
    }

    /**
     * The ER antagonists with the concentration that halves ER signalling at the untreated oestradiol
     * level (Cheng–Prusoff Ki·(1 + E/Kd)), so a user sees at once whether the dosed levels reach it.
     */
    private static void printEndocrine(PrintWriter out, Scenario scenario, BiologySpec.Endocrine e) {
        double e2Nm = new org.stromasim.biology.EndocrineResponse(scenario).referenceEstradiolNm(0.0);
        out.printf(Locale.ROOT, "endocrine       oestradiol %s: untreated plasma %s nM at t = 0, Kd %s nM%n",
                e.estradiolSpecies(), num(e2Nm), num(e.estradiolKdNm()));
        for (BiologySpec.ErLigand l : e.ligands()) {
            out.printf(Locale.ROOT, "                %s: Ki %s nM, %s, unbound fraction %s; half of ER signalling "
                    + "suppressed at %s nM (total)%n",
                    l.species(), num(l.kiNm()), l.response().name().toLowerCase(Locale.ROOT), num(l.unboundFraction()),
                    num(l.kiNm() * (1 + e2Nm / e.estradiolKdNm()) / l.unboundFraction()));
        }
    }

    /** E(t) = ceiling − (ceiling − E0)·exp(−k·t): a CAF voxel stiffening at rate k. */
    static double stiffened(double e0, double ceiling, double ratePerS, double timeS) {
        return e0 >= ceiling ? e0 : ceiling - (ceiling - e0) * Math.exp(-ratePerS * timeS);
    }

    private static double strongest(BiologySpec b, InterventionKind kind) {
        return b.interventions().stream().filter(i -> i.type() == kind && i.startS() <= 0)
                .mapToDouble(Intervention::strength).max().orElse(0);
    }

    private static String halfTime(double ratePerS) {
        return ratePerS > 0 ? Units.formatDuration(LN2 / ratePerS) : "∞ (rate 0)";
    }

    private static String num(double v) {
        return org.stromasim.report.Headline.number(v);
    }
}
