package org.stromasim.viewer.camera;

/**
 * A 4×4 matrix in OpenGL's column-major order ({@code m[col*4 + row]}), with the few operations the
 * viewer needs: perspective, look-at, product, inverse and transforming a point.
 */
public final class Mat4 {

    private final double[] m;

    private Mat4(double[] m) {
        this.m = m;
    }

    public static Mat4 identity() {
        double[] m = new double[16];
        m[0] = m[5] = m[10] = m[15] = 1;
        return new Mat4(m);
    }

    /** Element at (row, col). */
    public double get(int row, int col) {
        return m[col * 4 + row];
    }

    /** Right-handed perspective projection (gluPerspective), depth mapped to [-1, 1]. */
    public static Mat4 perspective(double fovYDeg, double aspect, double near, double far) {
        double f = 1 / Math.tan(Math.toRadians(fovYDeg) / 2);
        double[] m = new double[16];
        m[0] = f / aspect;
        m[5] = f;
        m[10] = (far + near) / (near - far);
        m[11] = -1;
        m[14] = 2 * far * near / (near - far);
        return new Mat4(m);
    }

    /** View matrix of an eye at {@code eye} looking at {@code target} with {@code up} roughly upwards. */
    public static Mat4 lookAt(double[] eye, double[] target, double[] up) {
        double[] f = normalize(sub(target, eye));
        double[] s = normalize(cross(f, up));
        double[] u = cross(s, f);
        double[] m = new double[16];
        m[0] = s[0];
        m[4] = s[1];
        m[8] = s[2];
        m[1] = u[0];
        m[5] = u[1];
        m[9] = u[2];
        m[2] = -f[0];
        m[6] = -f[1];
        m[10] = -f[2];
        m[12] = -dot(s, eye);
        m[13] = -dot(u, eye);
        m[14] = dot(f, eye);
        m[15] = 1;
        return new Mat4(m);
    }

    /** this · other. */
    public Mat4 times(Mat4 other) {
        double[] r = new double[16];
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += get(row, k) * other.get(k, col);
                }
                r[col * 4 + row] = sum;
            }
        }
        return new Mat4(r);
    }

    /** The inverse by cofactors; a singular matrix is a programming error. */
    public Mat4 inverse() {
        double[] inv = new double[16];
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                double cofactor = minor(col, row) * (((row + col) & 1) == 0 ? 1 : -1);
                inv[col * 4 + row] = cofactor;
            }
        }
        double det = 0;
        for (int col = 0; col < 4; col++) {
            det += get(0, col) * inv[0 * 4 + col];
        }
        if (Math.abs(det) < 1e-300) {
            throw new ArithmeticException("matrix is singular");
        }
        for (int e = 0; e < 16; e++) {
            inv[e] /= det;
        }
        return new Mat4(inv);
    }

    /** Determinant of the 3×3 matrix left after removing {@code row} and {@code col}. */
    private double minor(int row, int col) {
        double[] a = new double[9];
        int n = 0;
        for (int c = 0; c < 4; c++) {
            if (c == col) {
                continue;
            }
            for (int r = 0; r < 4; r++) {
                if (r != row) {
                    a[n++] = get(r, c);
                }
            }
        }
        // a is column-major 3×3.
        return a[0] * (a[4] * a[8] - a[7] * a[5]) - a[3] * (a[1] * a[8] - a[7] * a[2]) + a[6] * (a[1] * a[5] - a[4] * a[2]);
    }

    /** Transforms the point (x, y, z, 1) and divides by w. */
    public double[] transformPoint(double[] p) {
        double[] r = new double[4];
        for (int row = 0; row < 4; row++) {
            r[row] = get(row, 0) * p[0] + get(row, 1) * p[1] + get(row, 2) * p[2] + get(row, 3);
        }
        return new double[] {r[0] / r[3], r[1] / r[3], r[2] / r[3]};
    }

    /** Column-major floats for {@code glUniformMatrix4fv}. */
    public float[] toFloats() {
        float[] out = new float[16];
        for (int e = 0; e < 16; e++) {
            out[e] = (float) m[e];
        }
        return out;
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] normalize(double[] a) {
        double length = Math.sqrt(dot(a, a));
        return new double[] {a[0] / length, a[1] / length, a[2] / length};
    }
}
