"""Learned detectors: the code that scores text with weights trained by ``train/`` and
shipped beside it as data. ``fluency`` reads its weights with the standard library only
and sums its features in C (``_fluency_sums.c``, compiled at install by hatch_build.py
where a compiler is at hand; its own Python code otherwise);
``fluency_cnn`` (the grammar.fluency check's default model, on top of ``fluency``) needs
NumPy, imported when its model is first loaded."""
