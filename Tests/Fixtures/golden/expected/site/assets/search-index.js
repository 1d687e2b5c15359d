window.LIENTHONG_SEARCH_INDEX = {"formatVersion": "1.1.0", "version": "1.2.0", "entries": [
["HS0001D", "Định lượng Glucose [Máu]", "Glucose, quantitative [blood]", 1, "active", ["23.0075.1494"]],
["HS0002B", "Điện giải đồ (Na, K, Cl) [Máu]", "Electrolytes \"Na, K, Cl\" [blood]", 1, "active", ["23.0058.1487", "23.0172.1580"]],
["HS00039", "Định lượng Urê máu [Máu]", "Urea, quantitative [blood]", 1, "deprecated", ["23.0166.1494"]],
["HS00047", "Định lượng Creatinin (máu)", "Creatinine, quantitative [blood]", 1, "active", ["23.0051.1494"]],
["DQ00010", "Chụp CLVT sọ não không tiêm thuốc cản quang (từ 1-32 dãy)", "CT of the head without contrast (1-32 detector rows)", 2, "active", ["18.0149.0040"]],
["DQ0002Z", "Chụp CLVT sọ não (retired)", "CT of the head, old variant", 2, "retired", ["18.0149.0040"]]
]};
