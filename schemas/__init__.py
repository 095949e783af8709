"""JSON Schemas generated from the models, shipped inside the wheel as ``summarizer.schemas``."""
