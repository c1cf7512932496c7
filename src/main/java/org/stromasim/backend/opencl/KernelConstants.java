package org.stromasim.backend.opencl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.stromasim.biology.EndocrineResponse;
import org.stromasim.grid.Face;
import org.stromasim.tissue.CellType;
import org.stromasim.transport.SpeciesBoundaries;
import org.stromasim.transport.VoxelKeys;

/**
 * The layout constants the kernels share with the host (cell codes, voxel keys, the reaction-table and
 * parameter-table layouts, boundary codes, faces, the diffusivity laws' kinds and parameter tables, the
 * ligand table, periodic-axis bits), taken
 * from their Java definitions and passed to every program build as {@code -D} options. The kernel files
 * define none of them, so a kernel that names one this class does not define fails to compile instead
 * of reading a stale copy, and a change on the Java side reaches the kernels with the next build.
 */
final class KernelConstants {

    /** Defined with the constants; every kernel file refuses to build without it. */
    static final String SENTINEL = "STROMASIM_KERNEL_CONSTANTS";

    private static final Map<String, String> DEFINITIONS = definitions();
    private static final String BUILD_OPTIONS = options(DEFINITIONS);

    private KernelConstants() {
    }

    /** Macro name → value as the kernel source reads it, in a fixed order. */
    static Map<String, String> all() {
        return DEFINITIONS;
    }

    /** {@code -DNAME=value} for every constant, space-separated. */
    static String buildOptions() {
        return BUILD_OPTIONS;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(SENTINEL, "1");

        d.put("CELL_TYPES", Integer.toString(CellType.COUNT));
        for (CellType type : CellType.values()) {
            d.put("CELL_" + type.name(), Integer.toString(type.code()));
        }
        d.put("WALL_CLASSES", Integer.toString(VoxelKeys.WALL_CLASSES));
        d.put("KEYS", Integer.toString(VoxelKeys.COUNT));

        d.put("TABLE_STRIDE", Integer.toString(ReactionTables.STRIDE));
        d.put("MODE_AFFINE", floatLiteral(ReactionTables.AFFINE));
        d.put("CONCENTRATION_FLOOR", floatLiteral(org.stromasim.transport.ConcentrationFloor.BELOW));
        d.put("MODE_AFFINE_IF_FULLY_VIABLE", floatLiteral(ReactionTables.AFFINE_IF_FULLY_VIABLE));
        d.put("MODE_PER_VOXEL", floatLiteral(ReactionTables.PER_VOXEL));

        d.put("P_DECAY", Integer.toString(SpeciesParameterTable.DECAY));
        d.put("P_PERMEABILITY", Integer.toString(SpeciesParameterTable.PERMEABILITY));
        d.put("P_CROSSES_VESSELS", Integer.toString(SpeciesParameterTable.CROSSES_VESSELS));
        d.put("P_ACTIVE", Integer.toString(SpeciesParameterTable.ACTIVE));
        d.put("P_BINDING", Integer.toString(SpeciesParameterTable.BINDING));
        d.put("P_VMAX", Integer.toString(SpeciesParameterTable.VMAX));
        d.put("P_KM", Integer.toString(SpeciesParameterTable.KM));
        d.put("P_SECRETION", Integer.toString(SpeciesParameterTable.SECRETION));
        d.put("P_RELAX", Integer.toString(SpeciesParameterTable.RELAX));
        d.put("P_BC_TYPE", Integer.toString(SpeciesParameterTable.BC_TYPE));
        d.put("P_BC_VALUE", Integer.toString(SpeciesParameterTable.BC_VALUE));
        d.put("P_RETARDATION_SLOT", Integer.toString(SpeciesParameterTable.RETARDATION_SLOT));
        d.put("PARAMS_STRIDE", Integer.toString(SpeciesParameterTable.STRIDE));

        d.put("BC_ZERO_FLUX", Integer.toString(SpeciesBoundaries.ZERO_FLUX));
        d.put("BC_FIXED", Integer.toString(SpeciesBoundaries.FIXED));
        d.put("BC_PERIODIC", Integer.toString(SpeciesBoundaries.PERIODIC));
        for (Face face : Face.values()) {
            d.put("F_" + face.name().replace("_", ""), Integer.toString(face.ordinal()));
        }

        d.put("LAW_OGSTON", Integer.toString(DeviceBiology.LAW_OGSTON));
        d.put("LAW_EXPONENTIAL", Integer.toString(DeviceBiology.LAW_EXPONENTIAL));
        d.put("LAW_FIBRE_MATRIX", Integer.toString(DeviceBiology.LAW_FIBRE_MATRIX));
        d.put("OGSTON_FIBRE_RADIUS", Integer.toString(DeviceBiology.OGSTON_FIBRE_RADIUS));
        d.put("OGSTON_REFERENCE_STIFFNESS", Integer.toString(DeviceBiology.OGSTON_REFERENCE_STIFFNESS));
        d.put("OGSTON_REFERENCE_FRACTION", Integer.toString(DeviceBiology.OGSTON_REFERENCE_FRACTION));
        d.put("OGSTON_STIFFNESS_EXPONENT", Integer.toString(DeviceBiology.OGSTON_STIFFNESS_EXPONENT));
        d.put("EXPONENTIAL_STIFFNESS_SCALE", Integer.toString(DeviceBiology.EXPONENTIAL_STIFFNESS_SCALE));
        d.put("FM_COLLAGEN_RADIUS", Integer.toString(FibreMatrixTable.COLLAGEN_RADIUS));
        d.put("FM_GAG_RADIUS", Integer.toString(FibreMatrixTable.GAG_RADIUS));
        d.put("FM_REFERENCE_STIFFNESS", Integer.toString(FibreMatrixTable.REFERENCE_STIFFNESS));
        d.put("FM_REFERENCE_COLLAGEN_FRACTION", Integer.toString(FibreMatrixTable.REFERENCE_COLLAGEN_FRACTION));
        d.put("FM_STIFFNESS_EXPONENT", Integer.toString(FibreMatrixTable.STIFFNESS_EXPONENT));
        d.put("FM_MAX_COLLAGEN_FRACTION", Integer.toString(FibreMatrixTable.MAX_COLLAGEN_FRACTION));
        d.put("FM_GAG_FRACTION_BY_CELL", Integer.toString(FibreMatrixTable.GAG_FRACTION_BY_CELL));
        d.put("FM_CELL_FRACTION_BY_CELL", Integer.toString(FibreMatrixTable.CELL_FRACTION_BY_CELL));
        d.put("SPECIES_LAW_D0", Integer.toString(DeviceBiology.SPECIES_LAW_D0));
        d.put("SPECIES_LAW_STOKES_RADIUS", Integer.toString(DeviceBiology.SPECIES_LAW_STOKES_RADIUS));
        d.put("SPECIES_LAW_STRIDE", Integer.toString(DeviceBiology.SPECIES_LAW_STRIDE));
        d.put("LIGAND_SPECIES", Integer.toString(EndocrineResponse.LIGAND_SPECIES));
        d.put("LIGAND_NM_PER_UNIT", Integer.toString(EndocrineResponse.LIGAND_NM_PER_UNIT));
        d.put("LIGAND_INVERSE_KI", Integer.toString(EndocrineResponse.LIGAND_INVERSE_KI));
        d.put("LIGAND_CYTOTOXIC", Integer.toString(EndocrineResponse.LIGAND_CYTOTOXIC));
        d.put("LIGAND_STRIDE", Integer.toString(EndocrineResponse.LIGAND_STRIDE));

        d.put("PERIODIC_X", Integer.toString(MultigridKernels.periodicBit(0)));
        d.put("PERIODIC_Y", Integer.toString(MultigridKernels.periodicBit(1)));
        d.put("PERIODIC_Z", Integer.toString(MultigridKernels.periodicBit(2)));
        return Collections.unmodifiableMap(d);
    }

    /** An OpenCL C float literal of exactly {@code value} (Float.toString round-trips). */
    private static String floatLiteral(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("kernel constant must be finite, got " + value);
        }
        return Float.toString(value) + "f";
    }

    private static String options(Map<String, String> definitions) {
        StringJoiner options = new StringJoiner(" ");
        definitions.forEach((name, value) -> options.add("-D" + name + "=" + value));
        return options.toString();
    }
}
