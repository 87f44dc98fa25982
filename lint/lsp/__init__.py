"""newslint as a language server on stdio: diagnostics and quick fixes for the open articles.

A thin adapter over the engine: each open buffer becomes a Document, the Engine lints it
under the file's own settings, and each Diagnostic becomes an LSP diagnostic; fixes become
code actions. ``server`` holds the server, ``positions`` the conversion between our
code-point spans and the editor's positions."""
