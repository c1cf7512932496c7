#version 330 core
// One triangle that covers the viewport; no vertex buffer (vertices from gl_VertexID).
// ndc is the fragment's position in normalised device coordinates of the current viewport.
out vec2 ndc;

void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2)); // (0,0) (2,0) (0,2)
    ndc = corner * 2.0 - 1.0;
    gl_Position = vec4(ndc, 0.0, 1.0);
}
