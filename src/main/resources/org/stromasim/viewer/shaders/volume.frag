#version 330 core
// Ray marching of one scalar field stored as a 3D texture of values already mapped to [0, 1] by the
// transfer function. The box is centred on the origin with half-extents boxHalf (world units, the
// longest edge is 1). Modes: 0 front-to-back compositing, 1 maximum-intensity projection, 2 first
// isosurface. Overlays: the 0.5 level of the vessel (r) and tumour (g) masks drawn as surfaces, an
// opaque axis-aligned slice plane, and a clipping box.

in vec2 ndc;
out vec4 fragColor;

uniform mat4 inverseViewProjection;
uniform vec3 boxHalf;
uniform vec3 clipLow;          // clipping box, texture coordinates in [0, 1]
uniform vec3 clipHigh;
uniform sampler3D field;       // normalised values
uniform sampler3D masks;       // r: vessel, g: tumour (1 inside, 0 outside)
uniform sampler2D colorMap;    // 256 x 1
uniform int mode;
uniform float extinction;      // compositing: optical depth per box length where the ramp is 1
uniform float isoLevel;        // normalised value of the isosurface
uniform int divergingRamp;     // 1: opacity grows with distance from the centre 0.5 (differences)
uniform float logDecades;      // > 0: log colour scale spanning this many decades (TransferFunction.logDecades)
uniform int showVessels;
uniform int showTumour;
uniform int sliceAxis;         // -1: none; 0, 1, 2: x, y, z
uniform float slicePosition;   // texture coordinate of the slice along its axis
uniform vec3 background;
uniform float stepLength;      // world units between samples
uniform vec3 gradientStep;     // one voxel in texture coordinates

uniform vec4 vesselColor;       // red, or green on the blue-grey-red diverging map (set by VolumeRenderer)
const vec4 TUMOUR_COLOR = vec4(0.95, 0.95, 0.95, 0.18);
const int MAX_SAMPLES = 4096;

vec3 toTexture(vec3 p) {
    return (p + boxHalf) / (2.0 * boxHalf);
}

// opacity weight of a sample: on a log scale value / high, so opacity follows the amount and only the
// colours are logarithmic (TransferFunction.opacityWeight)
float ramp(float v) {
    if (divergingRamp == 1) {
        return abs(v - 0.5) * 2.0;
    }
    return logDecades > 0.0 ? pow(10.0, (v - 1.0) * logDecades) : v;
}

vec3 colorOf(float v) {
    return texture(colorMap, vec2(clamp(v, 0.0, 1.0) * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb;
}

void over(inout vec4 accumulated, vec4 sampleColor) {
    float weight = (1.0 - accumulated.a) * sampleColor.a;
    accumulated.rgb += weight * sampleColor.rgb;
    accumulated.a += weight;
}

vec3 shadeIso(vec3 tc, vec3 dir) {
    vec3 gradient = vec3(
        texture(field, tc + vec3(gradientStep.x, 0, 0)).r - texture(field, tc - vec3(gradientStep.x, 0, 0)).r,
        texture(field, tc + vec3(0, gradientStep.y, 0)).r - texture(field, tc - vec3(0, gradientStep.y, 0)).r,
        texture(field, tc + vec3(0, 0, gradientStep.z)).r - texture(field, tc - vec3(0, 0, gradientStep.z)).r);
    float lambert = length(gradient) > 0.0 ? abs(dot(normalize(gradient), dir)) : 1.0;
    return colorOf(isoLevel) * (0.3 + 0.7 * lambert);
}

void main() {
    vec4 nearPoint = inverseViewProjection * vec4(ndc, -1.0, 1.0);
    vec4 farPoint = inverseViewProjection * vec4(ndc, 1.0, 1.0);
    vec3 origin = nearPoint.xyz / nearPoint.w;
    vec3 dir = normalize(farPoint.xyz / farPoint.w - origin);

    vec3 low = -boxHalf + clipLow * 2.0 * boxHalf;
    vec3 high = -boxHalf + clipHigh * 2.0 * boxHalf;
    vec3 inverseDir = 1.0 / dir;
    vec3 t0 = (low - origin) * inverseDir;
    vec3 t1 = (high - origin) * inverseDir;
    vec3 tEnter = min(t0, t1);
    vec3 tExit = max(t0, t1);
    float tNear = max(max(tEnter.x, tEnter.y), max(tEnter.z, 0.0));
    float tFar = min(min(tExit.x, tExit.y), tExit.z);
    if (tNear >= tFar) {
        fragColor = vec4(background, 1.0);
        return;
    }

    bool hitsSlice = false;
    if (sliceAxis >= 0) {
        float plane = -boxHalf[sliceAxis] + slicePosition * 2.0 * boxHalf[sliceAxis];
        float tPlane = (plane - origin[sliceAxis]) / dir[sliceAxis];
        if (tPlane > tNear && tPlane < tFar) {
            hitsSlice = true;
            tFar = tPlane; // the plane is opaque: nothing behind it is seen
        }
    }

    vec4 accumulated = vec4(0.0);
    float bestRamp = -1.0;
    float bestValue = 0.0;
    vec2 previousMask = vec2(0.0);
    float previousValue = 0.0;
    int samples = min(int(ceil((tFar - tNear) / stepLength)), MAX_SAMPLES);
    for (int i = 0; i < samples; ++i) {
        float t = tNear + (float(i) + 0.5) * stepLength;
        vec3 tc = toTexture(origin + t * dir);
        float value = texture(field, tc).r;
        vec2 mask = texture(masks, tc).rg;
        if (i > 0) {
            if (showVessels == 1 && (previousMask.r < 0.5) != (mask.r < 0.5)) {
                over(accumulated, vesselColor);
            }
            if (showTumour == 1 && (previousMask.g < 0.5) != (mask.g < 0.5)) {
                over(accumulated, TUMOUR_COLOR);
            }
        }
        previousMask = mask;
        if (mode == 1) {
            float r = ramp(value);
            if (r > bestRamp) {
                bestRamp = r;
                bestValue = value;
            }
        } else if (mode == 2) {
            if (i > 0 && (previousValue < isoLevel) != (value < isoLevel)) {
                over(accumulated, vec4(shadeIso(tc, dir), 1.0));
                break;
            }
        } else {
            float alpha = 1.0 - exp(-extinction * ramp(value) * stepLength);
            over(accumulated, vec4(colorOf(value), alpha));
        }
        previousValue = value;
        if (accumulated.a > 0.995) {
            break;
        }
    }
    if (mode == 1 && bestRamp > 0.0) {
        over(accumulated, vec4(colorOf(bestValue), clamp(bestRamp, 0.0, 1.0)));
    }
    if (hitsSlice && accumulated.a < 0.995) {
        vec3 tc = toTexture(origin + tFar * dir);
        over(accumulated, vec4(colorOf(texture(field, tc).r), 1.0));
    }
    fragColor = vec4(accumulated.rgb + (1.0 - accumulated.a) * background, 1.0);
}
