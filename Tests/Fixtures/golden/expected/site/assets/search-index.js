window.LIENTHONG_SEARCH_INDEX = {"formatVersion": "1.2.0", "version": "1.2.0", "entries": [
["HS0001D", "Định lượng Glucose [Máu]", "Glucose, quantitative [blood]", 1, "active", ["23.0075.1494"], "dinh luong glucose [mau]", "dinh luong glucose [mau] glucose, quantitative [blood] hs0001d 23.0075.1494"],
["HS0002B", "Điện giải đồ (Na, K, Cl) [Máu]", "Electrolytes \"Na, K, Cl\" [blood]", 1, "active", ["23.0058.1487", "23.0172.1580"], "dien giai do (na, k, cl) [mau]", "dien giai do (na, k, cl) [mau] electrolytes \"na, k, cl\" [blood] hs0002b 23.0058.1487 23.0172.1580"],
["HS00039", "Định lượng Urê máu [Máu]", "Urea, quantitative [blood]", 1, "deprecated", ["23.0166.1494"], "dinh luong ure mau [mau]", "dinh luong ure mau [mau] urea, quantitative [blood] hs00039 23.0166.1494"],
["HS00047", "Định lượng Creatinin (máu)", "Creatinine, quantitative [blood]", 1, "active", ["23.0051.1494"], "dinh luong creatinin (mau)", "dinh luong creatinin (mau) creatinine, quantitative [blood] hs00047 23.0051.1494"],
["DQ00010", "Chụp CLVT sọ não không tiêm thuốc cản quang (từ 1-32 dãy)", "CT of the head without contrast (1-32 detector rows)", 2, "active", ["18.0149.0040"], "chup clvt so nao khong tiem thuoc can quang (tu 1-32 day)", "chup clvt so nao khong tiem thuoc can quang (tu 1-32 day) ct of the head without contrast (1-32 detector rows) dq00010 18.0149.0040"],
["DQ0002Z", "Chụp CLVT sọ não (retired)", "CT of the head, old variant", 2, "retired", ["18.0149.0040"], "chup clvt so nao (retired)", "chup clvt so nao (retired) ct of the head, old variant dq0002z 18.0149.0040"]
]};
