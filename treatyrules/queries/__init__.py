"""Questions asked of a compiled corpus: statuses (``status``) and obligations (``obligations``)."""
