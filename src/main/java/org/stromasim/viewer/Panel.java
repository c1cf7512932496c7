package org.stromasim.viewer;

import org.stromasim.viewer.data.CellMasks;
import org.stromasim.viewer.data.VolumeField;

/**
 * One rendered view of one field: what is shown, its overlay masks (null when the snapshot has no
 * cell field or overlays are off), and its caption.
 */
public record Panel(VolumeField field, CellMasks masks, String caption) {
}
