/* The fluency model's n-gram sums in C: lint/models/fluency.py's Model.sentence_scores
 * without Python's per-feature cost.
 *
 * For each anchor k of a sentence (3 <= k < len(w)) it sums the int8 weights of the nine
 * word and tag n-gram features that end there, each feature being the UTF-8 string
 * fluency.features() spells ("p2|NN|VBD", "w3|the|said|he", ...) hashed with CRC-32 (the
 * same as zlib.crc32) and masked to the table's size. The rare extra features (a doubled
 * word, two finite verbs...) stay in Python. fluency.py falls back to its own loop when
 * this module is not built; tests/test_fluency_sums.py checks that both give the same sums.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

/* A running CRC-32 (kept inverted between parts, as zlib does inside one call). */
static inline uint32_t crc_feed(uint32_t c, const char *s, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) c = crc_table[(c ^ (unsigned char)s[i]) & 0xFF] ^ (c >> 8);
    return c;
}

typedef struct {
    const char *s;
    Py_ssize_t n;
} part;

/* CRC-32 of prefix + parts joined with "|" (the prefix carries its own "|"). */
static uint32_t crc_of(const char *prefix, const part *parts, int count) {
    uint32_t c = 0xFFFFFFFFu;
    c = crc_feed(c, prefix, (Py_ssize_t)strlen(prefix));
    for (int i = 0; i < count; i++) {
        if (i) c = crc_feed(c, "|", 1);
        c = crc_feed(c, parts[i].s, parts[i].n);
    }
    return c ^ 0xFFFFFFFFu;
}

static int utf8_parts(PyObject *list, part *out, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (!PyUnicode_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "word forms and tags must be str");
            return -1;
        }
        out[i].s = PyUnicode_AsUTF8AndSize(item, &out[i].n);
        if (out[i].s == NULL) return -1;
    }
    return 0;
}

/* sums(w, p, weights, mask) -> list of int: for k in range(3, len(w)), the sum of the
 * weights of the anchor's nine n-gram features. w and p are the padded word forms and tags
 * (three "<s>" before, "</s>" after), weights an int8 buffer of mask + 1 entries. */
static PyObject *sums(PyObject *self, PyObject *args) {
    PyObject *w, *p, *weights_obj;
    unsigned long long mask;
    if (!PyArg_ParseTuple(args, "O!O!OK", &PyList_Type, &w, &PyList_Type, &p, &weights_obj, &mask))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(w);
    if (PyList_GET_SIZE(p) != n) {
        PyErr_SetString(PyExc_ValueError, "w and p differ in length");
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(weights_obj, &view, PyBUF_SIMPLE) < 0) return NULL;
    if ((unsigned long long)view.len < mask + 1) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "weights shorter than the mask");
        return NULL;
    }
    const signed char *wts = (const signed char *)view.buf;
    PyObject *out = NULL;
    part *ws = PyMem_Malloc(sizeof(part) * (size_t)(2 * n + 1));
    if (ws == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    part *ps = ws + n;
    if (utf8_parts(w, ws, n) < 0 || utf8_parts(p, ps, n) < 0) goto done;
    out = PyList_New(n > 3 ? n - 3 : 0);
    if (out == NULL) goto done;
    uint32_t m = (uint32_t)mask;
    for (Py_ssize_t k = 3; k < n; k++) {
        part tag4[4] = {ps[k - 3], ps[k - 2], ps[k - 1], ps[k]};
        part two[2], three[3];
        long total = 0;
        total += wts[crc_of("p2|", tag4 + 2, 2) & m];
        total += wts[crc_of("p3|", tag4 + 1, 3) & m];
        total += wts[crc_of("p4|", tag4, 4) & m];
        total += wts[crc_of("w1|", &ws[k], 1) & m];
        two[0] = ps[k - 1], two[1] = ws[k];
        total += wts[crc_of("pw|", two, 2) & m];
        two[0] = ws[k - 1], two[1] = ps[k];
        total += wts[crc_of("wp|", two, 2) & m];
        three[0] = ps[k - 2], three[1] = ws[k - 1], three[2] = ps[k];
        total += wts[crc_of("pwp|", three, 3) & m];
        two[0] = ws[k - 1], two[1] = ws[k];
        total += wts[crc_of("w2|", two, 2) & m];
        three[0] = ws[k - 2], three[1] = ws[k - 1], three[2] = ws[k];
        total += wts[crc_of("w3|", three, 3) & m];
        PyObject *v = PyLong_FromLong(total);
        if (v == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, k - 3, v);
    }
done:
    PyMem_Free(ws);
    PyBuffer_Release(&view);
    return out;
}

static PyObject *crc32_(PyObject *self, PyObject *args) {
    const char *s;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y#", &s, &n)) return NULL;
    return PyLong_FromUnsignedLong(crc_feed(0xFFFFFFFFu, s, n) ^ 0xFFFFFFFFu);
}

static PyMethodDef methods[] = {
    {"sums", sums, METH_VARARGS, "Per anchor, the sum of the weights of its nine n-gram features."},
    {"crc32", crc32_, METH_VARARGS, "CRC-32 of bytes, as zlib.crc32."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fluency_sums", NULL, -1, methods};

PyMODINIT_FUNC PyInit__fluency_sums(void) {
    crc_init();
    return PyModule_Create(&module);
}
