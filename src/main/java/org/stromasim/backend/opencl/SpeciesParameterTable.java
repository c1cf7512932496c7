package org.stromasim.backend.opencl;

import org.stromasim.grid.Face;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.SpeciesReactions;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The per-species constants of the transport kernel, flattened into one float array of
 * {@link #STRIDE} values per species. The kernels read these offsets as the P_ macros and
 * PARAMS_STRIDE, defined from this class by {@link KernelConstants}.
 */
final class SpeciesParameterTable {

    static final int DECAY = 0;
    static final int PERMEABILITY = 1;
    static final int CROSSES_VESSELS = 2;
    static final int ACTIVE = 3;
    static final int BINDING = 4;
    static final int VMAX = BINDING + CellType.COUNT;
    static final int KM = VMAX + CellType.COUNT;
    static final int SECRETION = KM + CellType.COUNT;
    static final int RELAX = SECRETION + CellType.COUNT;
    static final int BC_TYPE = RELAX + CellType.COUNT;
    static final int BC_VALUE = BC_TYPE + Face.values().length;
    /**
     * The species' block in the device's retardation buffer (reversible matrix binding: R per voxel at
     * block·voxels), −1 for a species that does not bind (R = 1, no block).
     */
    static final int RETARDATION_SLOT = BC_VALUE + Face.values().length;
    static final int STRIDE = RETARDATION_SLOT + 1;

    private SpeciesParameterTable() {
    }

    /** The species that bind to the matrix, in the order of their retardation blocks ({@link #RETARDATION_SLOT}). */
    static int[] boundSpecies(TransportModel model) {
        return java.util.stream.IntStream.range(0, model.speciesCount()).filter(model::bindsToMatrix).toArray();
    }

    /** Per species: its retardation block ({@link #boundSpecies} order), or −1 when it does not bind. */
    static int[] retardationSlots(TransportModel model) {
        int[] slots = new int[model.speciesCount()];
        java.util.Arrays.fill(slots, -1);
        int[] bound = boundSpecies(model);
        for (int b = 0; b < bound.length; b++) {
            slots[bound[b]] = b;
        }
        return slots;
    }

    static float[] of(TransportFields fields) {
        TransportModel model = fields.model();
        float[] table = new float[model.speciesCount() * STRIDE];
        int[] slots = retardationSlots(model);
        for (int s = 0; s < model.speciesCount(); s++) {
            int base = s * STRIDE;
            table[base + RETARDATION_SLOT] = slots[s];
            SpeciesReactions r = model.reactions(s);
            boolean crosses = model.plasma(s) != null;
            table[base + DECAY] = (float) r.decayPerS();
            table[base + PERMEABILITY] = crosses ? (float) r.permeabilityUmPerS() : 0f;
            table[base + CROSSES_VESSELS] = crosses ? 1f : 0f;
            table[base + ACTIVE] = r.hasAnyTerm() || crosses ? 1f : 0f;
            for (int c = 0; c < CellType.COUNT; c++) {
                table[base + BINDING + c] = (float) r.bindingPerS()[c];
                // the effective Vmax: the live uptake scale (1 unless a slow step blocks uptake, e.g. MCT1)
                table[base + VMAX + c] = (float) (r.uptakeVmaxPerS()[c] * fields.uptakeScale(s)[c]);
                table[base + KM + c] = (float) r.uptakeKm()[c];
                table[base + SECRETION + c] = (float) r.secretionPerS()[c];
                table[base + RELAX + c] = (float) r.secretionRelaxPerS()[c];
            }
            SpeciesBoundaries b = model.boundaries(s);
            int[] types = b.typeCodes();
            double[] values = b.fixedValues();
            for (int f = 0; f < types.length; f++) {
                table[base + BC_TYPE + f] = types[f];
                table[base + BC_VALUE + f] = (float) values[f];
            }
        }
        return table;
    }
}
