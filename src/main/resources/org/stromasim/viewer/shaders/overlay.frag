#version 330 core
// Draws the 2D overlay (colour bar, labels, time slider) painted on the CPU over the rendered volume.
// The image is stored top row first, so v is flipped.
in vec2 ndc;
out vec4 fragColor;

uniform sampler2D overlay;

void main() {
    vec2 uv = vec2(ndc.x * 0.5 + 0.5, 0.5 - ndc.y * 0.5);
    fragColor = texture(overlay, uv);
}
