package org.stromasim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named drug parameter sets for {@code preset:} on a species entry; any key the entry writes
 * overrides the preset's value. Sources: docs/parameters.md (section, row, status letter).
 * They differ in D0, Stokes radius, vessel permeability, uptake by cancer cells and matrix binding,
 * so the same matrix slows them differently (Ogston: the larger Stokes radius feels the fibres more).
 *
 * @param d0Um2PerS            free diffusivity, µm²/s
 * @param stokesRadiusNm       Stokes radius, nm
 * @param permeabilityUmPerS   vessel wall permeability, µm/s
 * @param cancerVmaxPerS       Michaelis–Menten uptake Vmax of cancer voxels, µM/s
 * @param cancerKm             Michaelis–Menten Km of cancer voxels, µM
 * @param ecmBindingPerS       linear binding to matrix (ecm and stroma cell voxels), 1/s
 */
record DrugPreset(double d0Um2PerS, double stokesRadiusNm, double permeabilityUmPerS, double cancerVmaxPerS,
                  double cancerKm, double ecmBindingPerS) {

    /**
     * Doxorubicin-like small molecule. D0 117 µm²/s: §1 "Doxorubicin, free, tissue" 7,000 µm²/min (S);
     * r_s 0.6 nm: §2 "Doxorubicin Stokes radius" 0.5–0.7 nm (U); P 2.67 µm/s: §5 "Vessel permeability,
     * free doxorubicin" 160 µm/min (S); Vmax 0.0885 µM/s and Km 0.403 µM: C from §5 "Doxorubicin cell
     * uptake" (S) on the model's basis (per interstitial-fluid volume, cancer cell fraction 0.72 of §20),
     * as worked out in configs/fibrotic-stroma.yaml; binding 0: DNA binding is intracellular and lumped
     * into the uptake (choice).
     */
    static final DrugPreset DOXORUBICIN = new DrugPreset(117, 0.6, 2.67, 0.0885, 0.403, 0.0);

    /**
     * Tamoxifen-like endocrine agent. PLACEHOLDERS (U) except where stated: no tissue D was found
     * (§1 "Tamoxifen / fulvestrant": none found, U); D0 133 µm²/s is C from the doxorubicin value by
     * Stokes–Einstein scaling with molar mass, (543.5/371.5)^(1/3)·117 (U input); r_s 0.5 nm (U);
     * P 2.67 µm/s copied from doxorubicin (U); uptake Vmax 0.02 µM/s, Km 0.5 µM (U); binding 0.005/s
     * for a lipophilic drug partitioning into matrix and membranes (U).
     */
    static final DrugPreset TAMOXIFEN = new DrugPreset(133, 0.5, 2.67, 0.02, 0.5, 0.005);

    /**
     * IgG antibody. D0 62 µm²/s: §1 "IgG, water, 37 °C" (C from S); r_s 5.34 nm: §2 "IgG Stokes
     * radius" (S); P 3.87e-3 µm/s: §5 "Vessel permeability, IgG/ADC" 334 µm/day (S), C: /86,400;
     * uptake (antigen binding and internalisation) Vmax 1e-4 µM/s, Km 0.01 µM: placeholders (U);
     * binding 0 (choice: Netti 2000 ties IgG hindrance to collagen, captured by the Ogston law).
     */
    static final DrugPreset IGG = new DrugPreset(62, 5.34, 3.87e-3, 1e-4, 0.01, 0.0);

    /**
     * The preset whose every value the species has (D0, Stokes radius, vessel permeability, cancer
     * uptake, matrix binding), or empty: what {@code validate} reports as the drug preset in use. A
     * preset with one value overridden no longer matches, and is reported as custom.
     */
    static java.util.Optional<String> matching(SpeciesSpec species) {
        for (Map.Entry<String, DrugPreset> e : names().entrySet()) {
            DrugPreset p = e.getValue();
            SpeciesSpec.UptakeSpec uptake = species.uptake().get(org.stromasim.tissue.CellType.CANCER);
            double binding = species.bindingPerS().getOrDefault(org.stromasim.tissue.CellType.ECM, 0.0);
            boolean same = species.d0Um2PerS() == p.d0Um2PerS() && species.stokesRadiusNm() == p.stokesRadiusNm()
                    && species.vessel() != null && species.vessel().permeabilityUmPerS() == p.permeabilityUmPerS()
                    && uptake != null && uptake.vmaxPerS() == p.cancerVmaxPerS() && uptake.km() == p.cancerKm()
                    && binding == p.ecmBindingPerS();
            if (same) {
                return java.util.Optional.of(e.getKey());
            }
        }
        return java.util.Optional.empty();
    }

    static Map<String, DrugPreset> names() {
        Map<String, DrugPreset> names = new LinkedHashMap<>();
        names.put("doxorubicin", DOXORUBICIN);
        names.put("tamoxifen", TAMOXIFEN);
        names.put("igg", IGG);
        return names;
    }
}
