"""The words the interface shows, in Chinese and English."""
