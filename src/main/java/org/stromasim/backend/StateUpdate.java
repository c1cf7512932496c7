package org.stromasim.backend;

import org.stromasim.tissue.Tissue;

/**
 * A change to the voxel state made by host code between transport advances (a convection step). It
 * reads and writes the flat arrays of a {@link Tissue}; the backend decides how that tissue relates to
 * where its state lives ({@link Backend#updateState}). The biology slow step is not one: a device
 * backend runs it in its own kernels ({@link Backend#runSlowStep}).
 */
@FunctionalInterface
public interface StateUpdate {

    void apply(Tissue state);
}
