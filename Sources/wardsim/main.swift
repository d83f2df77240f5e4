print("wardsim")
