"""Reference tables of cheikg (every Chinese HEI, places, countries, world universities); see README.md."""
