"""Program templates point at exercises; the models arrive with the programs issue."""
