package org.stromasim.backend;

import org.stromasim.tissue.Tissue;

/**
 * A change to the voxel state made between transport advances (the biology slow step: activation,
 * remodelling, death). It reads and writes the flat arrays of a {@link Tissue}; the backend decides
 * how that tissue relates to where its state lives ({@link Backend#updateState}).
 */
@FunctionalInterface
public interface StateUpdate {

    void apply(Tissue state);
}
