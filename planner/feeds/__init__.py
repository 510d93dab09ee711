"""Calendar subscription feeds: which feeds exist and what each holds, ICS serialisation, the HTTP server."""
