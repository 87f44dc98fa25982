/* The fluency model's feature sums in C: lint/models/fluency.py's Model.sentence_scores
 * without Python's per-feature cost.
 *
 * For each anchor k of a sentence (3 <= k < len(w)) it sums the int8 weights of the
 * features that end there, each feature being the UTF-8 string fluency.features() spells
 * ("p2|NN|VBD", "w3|the|said|he", "dup|VBD", ...) hashed with CRC-32 (the same as
 * zlib.crc32) and masked to the table's size: the nine word and tag n-grams, and the extras
 * fluency._context() finds (a doubled or repeated word, a repeated pair of words, a start
 * in lower case, two finite verbs). fluency.py falls back to its own code when this module
 * is not built; tests/test_fluency_sums.py checks that both give the same sums.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

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

static part lit(const char *s) {
    part out = {s, (Py_ssize_t)strlen(s)};
    return out;
}

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

static int same(part a, part b) { return a.n == b.n && memcmp(a.s, b.s, (size_t)a.n) == 0; }

static int utf8_parts(PyObject *list, part *out, Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (!PyUnicode_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "word forms, tags and words must be str");
            return -1;
        }
        out[i].s = PyUnicode_AsUTF8AndSize(item, &out[i].n);
        if (out[i].s == NULL) return -1;
    }
    return 0;
}

typedef struct {
    const signed char *wts;
    uint32_t mask;
} table;

static inline long weigh(table t, const char *prefix, const part *parts, int count) {
    return t.wts[crc_of(prefix, parts, count) & t.mask];
}

/* The nine n-gram features of anchor k. */
static long ngrams(table t, const part *ws, const part *ps, Py_ssize_t k) {
    part tag4[4] = {ps[k - 3], ps[k - 2], ps[k - 1], ps[k]};
    part two[2], three[3];
    long total = weigh(t, "p2|", tag4 + 2, 2) + weigh(t, "p3|", tag4 + 1, 3) + weigh(t, "p4|", tag4, 4);
    total += weigh(t, "w1|", &ws[k], 1);
    two[0] = ps[k - 1], two[1] = ws[k];
    total += weigh(t, "pw|", two, 2);
    two[0] = ws[k - 1], two[1] = ps[k];
    total += weigh(t, "wp|", two, 2);
    three[0] = ps[k - 2], three[1] = ws[k - 1], three[2] = ps[k];
    total += weigh(t, "pwp|", three, 3);
    two[0] = ws[k - 1], two[1] = ws[k];
    total += weigh(t, "w2|", two, 2);
    three[0] = ws[k - 2], three[1] = ws[k - 1], three[2] = ws[k];
    total += weigh(t, "w3|", three, 3);
    return total;
}

static int is_finite(part tag) {
    return same(tag, lit("VBD")) || same(tag, lit("VBZ")) || same(tag, lit("VBP")) || same(tag, lit("MD"));
}

static int starts_alnum(PyObject *s) {
    return PyUnicode_GET_LENGTH(s) > 0 && Py_UNICODE_ISALNUM(PyUnicode_READ_CHAR(s, 0));
}

static const char *DIGITS[] = {"0", "1", "2", "3", "4"};

/* A sentence's parsed arguments. */
typedef struct {
    Py_ssize_t n;
    part *ws, *ps;
    table t;
    Py_buffer view;
} sentence;

static int open_sentence(sentence *s, PyObject *w, PyObject *p, PyObject *weights, unsigned long long mask) {
    s->n = PyList_GET_SIZE(w);
    s->ws = NULL;
    if (PyList_GET_SIZE(p) != s->n) {
        PyErr_SetString(PyExc_ValueError, "w and p differ in length");
        return -1;
    }
    if (PyObject_GetBuffer(weights, &s->view, PyBUF_SIMPLE) < 0) return -1;
    if ((unsigned long long)s->view.len < mask + 1) {
        PyBuffer_Release(&s->view);
        PyErr_SetString(PyExc_ValueError, "weights shorter than the mask");
        return -1;
    }
    s->t.wts = (const signed char *)s->view.buf;
    s->t.mask = (uint32_t)mask;
    s->ws = PyMem_Malloc(sizeof(part) * (size_t)(2 * s->n + 1));
    if (s->ws == NULL) {
        PyBuffer_Release(&s->view);
        PyErr_NoMemory();
        return -1;
    }
    s->ps = s->ws + s->n;
    if (utf8_parts(w, s->ws, s->n) < 0 || utf8_parts(p, s->ps, s->n) < 0) {
        PyMem_Free(s->ws);
        PyBuffer_Release(&s->view);
        return -1;
    }
    return 0;
}

static void close_sentence(sentence *s) {
    PyMem_Free(s->ws);
    PyBuffer_Release(&s->view);
}

static PyObject *as_list(const long *totals, Py_ssize_t count) {
    PyObject *out = PyList_New(count);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *v = PyLong_FromLong(totals[i]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, v);
    }
    return out;
}

/* The extra features of anchor k, as fluency._context() spells them. */
static long extras(table t, const part *ws, const part *ps, const part *rs, PyObject *raw, Py_ssize_t n,
                   Py_ssize_t k, int lower_start, PyObject *fillers, int *error) {
    long total = 0;
    part pk = ps[k];
    PyObject *r = PyList_GET_ITEM(raw, k);
    if (starts_alnum(r)) {
        Py_ssize_t d = k + 10; /* no earlier occurrence: as seen.get(r, -10) */
        for (Py_ssize_t j = k - 1; j >= 3; j--)
            if (same(rs[j], rs[k])) {
                d = k - j;
                break;
            }
        if (d > 6 && k < 5) {
            /* As the model was trained: the look back from the first two words wraps round to
             * the sentence's last words (Python's negative indices). */
            for (Py_ssize_t dd = k + 1; dd < 7; dd++) {
                Py_ssize_t at = ((k - dd) % n + n) % n;
                if (same(rs[at], rs[k])) {
                    d = dd;
                    break;
                }
            }
        }
        if (d == 1) {
            total += weigh(t, "dup|", &pk, 1);
        } else if (d <= 6) {
            int closed = same(pk, lit("IN")) || same(pk, lit("TO")) || same(pk, lit("DT")) || same(pk, lit("CC"));
            part two[2] = {closed ? ws[k] : pk, lit(DIGITS[d < 4 ? d : 4])};
            total += weigh(t, "rep|", two, 2);
        }
        PyObject *r1 = PyList_GET_ITEM(raw, k - 1);
        if (starts_alnum(r1)) {
            int both = PySet_Contains(fillers, r);
            int both1 = both > 0 ? PySet_Contains(fillers, r1) : 0;
            if (both < 0 || both1 < 0) {
                *error = 1;
                return 0;
            }
            if (!(both && both1)) {
                for (Py_ssize_t j = k - 1; j >= 4; j--)
                    if (same(rs[j], rs[k]) && same(rs[j - 1], rs[k - 1])) {
                        Py_ssize_t gap = k - j;
                        part two[2] = {pk, lit(gap <= 2 ? "2" : gap <= 4 ? "4" : gap <= 8 ? "8" : "9")};
                        total += weigh(t, "rb|", two, 2);
                        break;
                    }
            }
        }
    }
    if (k == 3 && lower_start) total += weigh(t, "lc|", &pk, 1);
    return total;
}

/* scores(w, p, raw, weights, mask, lower_start, clause_breaks, pair_fillers) -> list of int:
 * for k in range(3, len(w)), the weights of the anchor's nine n-gram features and of its
 * extra features, summed. w and p are the padded word forms and tags (three "<s>" before,
 * "</s>" after), weights an int8 buffer of mask + 1 entries; raw
 * holds the words in lower case, padded as w ("" for the pads); lower_start says whether
 * the first word starts in lower case; the sets are fluency.CLAUSE_BREAKS and
 * fluency.PAIR_FILLERS. */
static PyObject *scores(PyObject *self, PyObject *args) {
    PyObject *w, *p, *raw, *weights, *breaks, *fillers;
    unsigned long long mask;
    int lower_start;
    if (!PyArg_ParseTuple(args, "O!O!O!OKpO!O!", &PyList_Type, &w, &PyList_Type, &p, &PyList_Type, &raw,
                          &weights, &mask, &lower_start, &PyFrozenSet_Type, &breaks, &PyFrozenSet_Type,
                          &fillers))
        return NULL;
    sentence s;
    if (open_sentence(&s, w, p, weights, mask) < 0) return NULL;
    Py_ssize_t n = s.n;
    PyObject *out = NULL;
    part *rs = NULL;
    long *totals = NULL;
    if (PyList_GET_SIZE(raw) != n) {
        PyErr_SetString(PyExc_ValueError, "raw differs from w in length");
        goto done;
    }
    rs = PyMem_Malloc(sizeof(part) * (size_t)(n + 1));
    totals = PyMem_Malloc(sizeof(long) * (size_t)(n + 1));
    if (rs == NULL || totals == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (utf8_parts(raw, rs, n) < 0) goto done;
    Py_ssize_t last_finite = -1; /* index of the last finite verb */
    int broken = 0;              /* a clause break since it */
    int error = 0;
    for (Py_ssize_t k = 3; k < n; k++) {
        long total = ngrams(s.t, s.ws, s.ps, k);
        total += extras(s.t, s.ws, s.ps, rs, raw, n, k, lower_start, fillers, &error);
        if (error) goto done;
        part pk = s.ps[k];
        if (is_finite(pk)) {
            if (last_finite >= 0) {
                Py_ssize_t gap = k - last_finite;
                part four[4] = {s.ps[last_finite], pk, lit(DIGITS[gap < 4 ? gap : 4]), lit(broken ? "1" : "0")};
                total += weigh(s.t, "vv|", four, 4);
                if (!broken) {
                    part two[2] = {s.ws[last_finite], s.ws[k]};
                    total += weigh(s.t, "vvw|", two, 2);
                }
            }
            last_finite = k;
            broken = 0;
        } else if (last_finite >= 0) {
            int in_breaks = PySet_Contains(breaks, PyList_GET_ITEM(raw, k));
            if (in_breaks < 0) goto done;
            if (in_breaks || same(pk, lit("WDT")) || same(pk, lit("WP")) || same(pk, lit("CC")) ||
                same(pk, lit(",")))
                broken = 1;
        }
        totals[k - 3] = total;
    }
    out = as_list(totals, n > 3 ? n - 3 : 0);
done:
    PyMem_Free(rs);
    PyMem_Free(totals);
    close_sentence(&s);
    return out;
}

static PyObject *crc32_(PyObject *self, PyObject *args) {
    const char *s;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y#", &s, &n)) return NULL;
    return PyLong_FromUnsignedLong(crc_feed(0xFFFFFFFFu, s, n) ^ 0xFFFFFFFFu);
}

static PyMethodDef methods[] = {
    {"scores", scores, METH_VARARGS, "Per anchor, the sum of the weights of all its features."},
    {"crc32", crc32_, METH_VARARGS, "CRC-32 of bytes, as zlib.crc32."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fluency_sums", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fluency_sums(void) {
    crc_init();
    PyObject *m = PyModule_Create(&module);
    /* fluency.py uses the module only when this matches its own FEATURES: a module left
     * from an older build (an editable install not rebuilt after a pull) is ignored. */
    if (m != NULL && PyModule_AddIntConstant(m, "FEATURES", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
