package org.stromasim.tissue;

/** The initial tissue state and the region map it was built from. */
public record BuiltTissue(Tissue tissue, TissueRegions regions) {
}
